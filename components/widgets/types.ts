import type { ComponentType } from "react";

/** Server side of a widget: its title and the initial state rendered as HTML (readable before JavaScript). */
export type WidgetEntry = { id: string; title: string; summary: string; Static: ComponentType };

/** Client side: loads the interactive widget when it scrolls into view. */
export type WidgetLoader = () => Promise<ComponentType>;
