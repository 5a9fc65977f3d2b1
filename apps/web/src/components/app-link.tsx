import { createLink, type LinkComponent } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

const Anchor = forwardRef<HTMLAnchorElement, AnchorHTMLAttributes<HTMLAnchorElement>>(function Anchor(props, ref) {
  return <a ref={ref} {...props} />;
});

const RouterLink = createLink(Anchor);

/**
 * The app's link, typed by its routes as TanStack Router's own. It says
 * `aria-current="page"` only on the page it leads to, its search aside: the
 * router's own would also say it on every page below (the summit's link on
 * its agenda), telling a screen reader the wrong page.
 */
export const Link: LinkComponent<typeof Anchor> = (props) => <RouterLink activeOptions={{ exact: true, includeSearch: false }} {...props} />;
