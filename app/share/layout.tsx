import { LinkTitlesProvider } from "@/components/practice/result/link-titles";
import { linkTitles } from "@/lib/server/designs/link-titles";

/** Results on these pages link to chapters by their titles, read once from the chapters on the server. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <LinkTitlesProvider titles={linkTitles()}>{children}</LinkTitlesProvider>;
}
