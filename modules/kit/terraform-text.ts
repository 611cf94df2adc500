/**
 * Configuration text as Terraform must receive it. Terraform reads every string of a resource,
 * data source, provider, output value or local in its JSON and HCL syntax as a template, object
 * keys included: `${…}` interpolates and `%{…}` is a directive, so a description "costs ${x}"
 * fails validation and "%{ if true }x%{ endif }" silently becomes "x". Doubling the first
 * character (`$${`, `%%{`) makes Terraform read the sequence literally (Terraform docs, "Strings and
 * Templates", escape sequences). A literal `$${` in the text becomes `$$${`, which Terraform reads
 * back as `$${`, so escaping is exact for every input.
 *
 * Not escaped: cdktf's own token markers `${TfToken[…]}`, which cdktf resolves to references
 * before Terraform sees them (the loader refuses configuration text that contains one), and the
 * places Terraform reads literally (backend settings, variable defaults and descriptions, output
 * descriptions), where an escape would stay in the value.
 */
export function literalText(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)|%\{/g, (start) => `${start[0]}${start}`);
}

/** `value` with every string and object key made literal (literalText): configuration as the constructs receive it. */
export function literalStrings<T>(value: T): T {
  if (typeof value === "string") return literalText(value) as T;
  if (Array.isArray(value)) return value.map(literalStrings) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [literalText(key), literalStrings(item)])) as T;
  }
  return value;
}

/**
 * A list of strings as a Terraform list expression, spaced as `terraform fmt` spaces it
 * (`["a", "b"]`), for expressions the constructs write into conditions and locals: an expression
 * inside a string template is formatted by `terraform fmt` too.
 */
export function terraformList(values: readonly string[]): string {
  return `[${values.map((value) => JSON.stringify(value)).join(", ")}]`;
}
