import * as aws from "@cdktf/provider-aws";
void aws;
import "./main";
