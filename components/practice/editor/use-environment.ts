import { useEffect, useState, useSyncExternalStore } from "react";

/** Follows the `dark` class on <html> (the site's theme switch). */
export function useDarkMode(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const root = document.documentElement;
    const update = () => setDark(root.classList.contains("dark"));
    update();
    const obs = new MutationObserver(update);
    obs.observe(root, { attributes: true, attributeFilter: ["class"] });
    return () => obs.disconnect();
  }, []);
  return dark;
}

const noSubscription = () => () => {};
/** True once React runs in the browser; tests and scripts wait for `data-hydrated` before interacting. */
export const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
