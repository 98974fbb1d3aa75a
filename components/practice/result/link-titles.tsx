"use client";

import { createContext, useContext } from "react";
import { linkTitle, type LinkTitles } from "@/lib/core/canvas/labels";
import { linkClass } from "@/components/ui/link";

// Chapter titles for the result's links, computed on the server from the chapters and handed down once.
const LinkTitlesContext = createContext<LinkTitles>({});

export function LinkTitlesProvider({ titles, children }: { titles: LinkTitles; children: React.ReactNode }) {
  return <LinkTitlesContext.Provider value={titles}>{children}</LinkTitlesContext.Provider>;
}

/** "Read: Caching › Cache-aside in practice" for a /learn link. */
export function ChapterLink({ href, prefix = "Read: " }: { href: string; prefix?: string }) {
  const titles = useContext(LinkTitlesContext);
  return (
    <a href={href} className={linkClass()}>
      {prefix}
      {linkTitle(href, titles)}
    </a>
  );
}
