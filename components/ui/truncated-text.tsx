import type { HTMLAttributes } from 'react';

/** Text kept to one line, cut with an ellipsis where it does not fit; its tooltip shows all of it. */
export function TruncatedText({
  as: Tag = 'span',
  children,
  className = '',
  ...rest
}: { as?: 'span' | 'p' | 'h2' | 'code'; children: string } & Omit<HTMLAttributes<HTMLElement>, 'children' | 'title'>) {
  return (
    <Tag className={`truncate ${className}`} title={children} {...rest}>
      {children}
    </Tag>
  );
}
