"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False on the server and in the render that hydrates, true once React runs in the browser: what reads the
 * browser (its zone, its locale) waits for it, so hydration matches the server's HTML. Tests and scripts wait for
 * `data-hydrated` on the canvas before interacting.
 */
export const useHydrated = (): boolean =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
