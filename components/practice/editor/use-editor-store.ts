import { useState, useSyncExternalStore, type RefObject } from "react";
import { editorReducer, type EditorAction, type EditorState } from "@/lib/core/canvas/editor-state";

type EditorStore = {
  /** Always the state after the last dispatch, including one React has not rendered yet. */
  latest: RefObject<EditorState>;
  dispatch: (action: EditorAction) => void;
  subscribe: (listener: () => void) => () => void;
  snapshot: () => EditorState;
};

function createEditorStore(initial: EditorState): EditorStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    latest: {
      get current() {
        return state;
      },
    },
    dispatch: (action) => {
      const next = editorReducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => state,
  };
}

/**
 * The editor's state, held outside React and rendered through useSyncExternalStore. A dispatch runs the reducer at
 * once, so a handler that runs next (Export clicked the moment a box was ticked, Evaluate right after an edit)
 * reads the state it changed. With useReducer the handlers read a ref copied in an effect after each render,
 * and under load an input event could run between React's commit and that effect and act on the state before.
 */
export function useEditorStore(init: () => EditorState): { state: EditorState; dispatch: EditorStore["dispatch"]; latest: EditorStore["latest"] } {
  const [store] = useState(() => createEditorStore(init()));
  const state = useSyncExternalStore(store.subscribe, store.snapshot, store.snapshot);
  return { state, dispatch: store.dispatch, latest: store.latest };
}
