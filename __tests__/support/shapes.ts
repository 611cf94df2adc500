/**
 * Region stacks grouped by shape, so Terraform checks one stack per shape instead of every stack.
 *
 * A stack's shape is its Terraform JSON and the Terraform test files run in it, as text, with
 * every occurrence of the stack's own Region name written as `__REGION__` (see regionPattern), and its kind (organization or Region stack). Only the
 * stack's own Region is replaced, so everything else stays part of the shape: the home Region
 * named in other stacks, the partition (ARNs, service principals, DNS suffixes), Regions excluded
 * from Audit Manager, the Region that records AWS Config's global IAM resource types, and any
 * value derived from a Region in another way than by writing its name. Stacks that differ in
 * any of these have different shapes.
 *
 * Two stacks of one shape are equal after their own Region is replaced by the other's: a stack
 * holds no `__REGION__` of its own (refused below), so the replacement can be undone. That is what
 * `inRegion` computes and what terraform.test.ts asserts for every stack beside its shape's
 * representative, the first stack of the shape in the order given.
 */

/**
 * A Region name in text as a whole name: not after a letter or digit, not before a digit
 * ("us-east-1" is replaced in "region-us-east-1" and "arn:aws:kms:us-east-1:…", not in "us-east-12").
 */
function regionPattern(region: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${region.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![0-9])`, "g");
}

const PLACEHOLDER = "__REGION__";

/** `text` with every occurrence of `region` written as `__REGION__`. */
export function withoutRegion(text: string, region: string): string {
  if (text.includes(PLACEHOLDER)) throw new Error(`the text already holds ${PLACEHOLDER}, so its Region could not be told apart from the placeholder`);
  return text.replace(regionPattern(region), PLACEHOLDER);
}

/** `text`, written for Region `from`, with `from` replaced by `to`: what a stack of the same shape in `to` holds. */
export function inRegion(text: string, from: string, to: string): string {
  return text.replace(regionPattern(from), to);
}

/** What a stack's shape is made of: its kind, the Region it acts in, its Terraform JSON and test files as text. */
export interface ShapedStack {
  readonly kind: string;
  readonly region: string;
  readonly json: string;
  readonly tests: readonly { readonly name: string; readonly content: string }[];
}

/** The shape of `stack`: equal for two stacks exactly when each is the other with its Region replaced. */
export function shapeOf(stack: ShapedStack): string {
  const tests = stack.tests.map((file) => `${file.name}\n${file.content}`).join("\n\0\n");
  return withoutRegion(`${stack.kind}\n\0\n${stack.json}\n\0\n${tests}`, stack.region);
}

/** `stacks` grouped by shape, in order of first appearance; each group's first member is its representative. */
export function groupByShape<T extends ShapedStack>(stacks: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const stack of stacks) {
    const shape = shapeOf(stack);
    const group = groups.get(shape);
    if (group) group.push(stack);
    else groups.set(shape, [stack]);
  }
  return [...groups.values()];
}

/** A shape as a test report names it: by its representative, with how many stacks it stands for when more than one. */
export function shapeName<T extends ShapedStack>(members: readonly T[], nameOf: (stack: T) => string): string {
  return members.length === 1 ? nameOf(members[0]) : `${nameOf(members[0])} (the shape of ${members.length} stacks)`;
}

/** Every stack Terraform checks through its shape's representative, with that representative: the equalities a test must prove. */
export function checkedThrough<T extends ShapedStack>(shapes: readonly (readonly T[])[]): { member: T; representative: T }[] {
  return shapes.flatMap(([representative, ...members]) => members.map((member) => ({ member, representative })));
}
