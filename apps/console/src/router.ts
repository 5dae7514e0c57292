import { useEffect, useState } from 'react';

// The console's own addresses (/payables, /mous/<id>, …): the History API, no router library needed
// for a dozen screens. The server answers any of them with index.html.
const listeners = new Set<() => void>();

export const navigate = (to: string): void => {
  if (to === location.pathname + location.search) return;
  history.pushState(null, '', to);
  listeners.forEach((listener) => listener());
};

export const useLocation = (): { path: string; search: URLSearchParams } => {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((n) => n + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return { path: location.pathname, search: new URLSearchParams(location.search) };
};

/** `/mous/:mouId` against `/mous/abc` → `{ mouId: 'abc' }`, or undefined when it does not match. */
export const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}/?$`,
  );
  const match = regex.exec(path);
  if (match === null) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
};
