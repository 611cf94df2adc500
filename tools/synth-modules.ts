/**
 * npm run synth:modules: writes every plain Terraform module (modules/module-generator/) to
 * terraform-modules/json/<module>/main.tf.json and terraform-modules/hcl/<module>/main.tf,
 * the folders estates reference with `source = "git::…//terraform-modules/hcl/<module>?ref=…"`.
 * The output is committed; a test fails when it is stale.
 */
import { join } from "node:path";
import { writeTerraformModules } from "../modules/module-generator/write";

writeTerraformModules(join(__dirname, "..", "..", "terraform-modules"));
