import { useEffect, useRef, type RefObject } from "react";

export type ShortcutHandlers = { undo: () => void; redo: () => void; copy: () => void; paste: () => void; deleteSelection: () => void };

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName));

/**
 * The keyboard path: undo/redo, copy/paste and delete. Shortcuts work while focus is inside the editor, and
 * also when it fell back to the page body (e.g. the focused node was just deleted or undone), so a keyboard
 * user is never stranded. Keys typed into a field are left alone.
 */
export function useEditorShortcuts(wrapperRef: RefObject<HTMLElement | null>, readOnly: boolean, handlers: ShortcutHandlers) {
  const onKeyDown = (e: globalThis.KeyboardEvent) => {
    const t = e.target;
    const inside = t instanceof Node && wrapperRef.current?.contains(t);
    if (e.defaultPrevented || (!inside && t !== document.body && t !== document.documentElement)) return;
    if (isTyping(t)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === "z" && !readOnly) {
      e.preventDefault();
      if (e.shiftKey) handlers.redo();
      else handlers.undo();
    } else if (mod && key === "y" && !readOnly) {
      e.preventDefault();
      handlers.redo();
    } else if (mod && key === "c") {
      e.preventDefault();
      handlers.copy();
    } else if (mod && key === "v" && !readOnly) {
      e.preventDefault();
      handlers.paste();
    } else if ((e.key === "Delete" || e.key === "Backspace") && !readOnly) {
      e.preventDefault();
      handlers.deleteSelection();
    }
  };
  // One document listener for the editor's life, always calling the latest handler.
  const keyHandler = useRef(onKeyDown);
  useEffect(() => {
    keyHandler.current = onKeyDown;
  });
  useEffect(() => {
    const listener = (e: globalThis.KeyboardEvent) => keyHandler.current(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);
}
