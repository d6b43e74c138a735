import { type AnchorHTMLAttributes, useSyncExternalStore } from 'react';

// Five routes and plain links need only the History API; a router package would cost the catalog's first
// download more than this file.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** In-app navigation: a new history entry and a re-render, no page load. */
export function navigate(to: string): void {
  history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

export const usePathname = (): string => useSyncExternalStore(subscribe, () => location.pathname);

/** The query string with its '?', or ''. */
export const useSearch = (): string => useSyncExternalStore(subscribe, () => location.search);

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

export function Link({ href, onClick, ...props }: LinkProps) {
  return (
    <a
      {...props}
      href={href}
      onClick={(event) => {
        onClick?.(event);
        // New tabs, windows and downloads stay with the browser.
        const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
        if (event.defaultPrevented || event.button !== 0 || modified || props.target) return;
        event.preventDefault();
        navigate(href);
      }}
    />
  );
}
