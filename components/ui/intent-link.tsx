"use client";

import Link from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * next/link that prefetches its route when the reader shows intent (pointer over it, keyboard focus, a touch)
 * instead of as soon as it scrolls into view. Viewport prefetching decodes every visible link's route payload on
 * the main thread while the page is still starting: measured with Lighthouse, the dashboard's chapter table and
 * the header's nav made the router the page's largest blocking script. Navigation itself is unchanged; a link
 * clicked without hover or focus first loads its route on the click, as a plain link would.
 */
export function IntentLink({ prefetch, onMouseEnter, onTouchStart, onFocus, ...props }: ComponentProps<typeof Link>) {
  const [intent, setIntent] = useState(false);
  return (
    <Link
      {...props}
      prefetch={intent ? prefetch : false}
      onMouseEnter={(event) => {
        setIntent(true);
        onMouseEnter?.(event);
      }}
      onTouchStart={(event) => {
        setIntent(true);
        onTouchStart?.(event);
      }}
      onFocus={(event) => {
        setIntent(true);
        onFocus?.(event);
      }}
    />
  );
}
