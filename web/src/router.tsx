import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

/**
 * A few routes need no routing library. A citizen's CPR travels in the history entry's state, never
 * in the URL: URLs end up in browser history lists, proxies' logs and bookmarks (rule 8).
 */
export interface Route {
  path: string;
  cpr?: string;
}

interface RouterValue {
  route: Route;
  /**
   * Counts navigations: a page is opened afresh on each, even the one already shown (a click on its
   * link in the menu reloads it, as on any website, instead of showing what was read before).
   */
  visit: number;
  navigate(path: string, cpr?: string): void;
}

const RouterContext = createContext<RouterValue | null>(null);

function current(): Route {
  const state = window.history.state as { cpr?: unknown } | null;
  return { path: window.location.pathname, ...(typeof state?.cpr === 'string' && { cpr: state.cpr }) };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [route, setRoute] = useState<Route>(current);
  const [visit, setVisit] = useState(0);
  useEffect(() => {
    const onPop = () => {
      setRoute(current());
      setVisit((v) => v + 1);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((path: string, cpr?: string) => {
    window.history.pushState(cpr ? { cpr } : null, '', path);
    setRoute(current());
    setVisit((v) => v + 1);
    // Move focus to the new page's heading, as a screen reader user expects after navigation.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  }, []);
  return <RouterContext.Provider value={{ route, visit, navigate }}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

/** A link that navigates inside the app (and still works as a link: new tab, keyboard, screen reader). */
export function Link({
  to,
  cpr,
  children,
  className,
  current,
}: {
  to: string;
  cpr?: string;
  children: ReactNode;
  className?: string;
  current?: boolean;
}) {
  const { navigate } = useRouter();
  return (
    <a
      href={to}
      className={className}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to, cpr);
      }}
    >
      {children}
    </a>
  );
}
