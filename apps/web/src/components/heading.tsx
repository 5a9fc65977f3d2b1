import type { HTMLAttributes } from 'react';

export type HeadingLevel = 2 | 3 | 4;

/** A heading whose level depends on where its section is placed: a page of its own or a panel beside another page. */
export function Heading({ level, ...props }: HTMLAttributes<HTMLHeadingElement> & { level: HeadingLevel }) {
  const Tag = (['h2', 'h3', 'h4'] as const)[level - 2];
  return <Tag {...props} />;
}
