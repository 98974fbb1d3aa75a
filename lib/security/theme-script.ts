// Runs before first paint so a dark-mode reader never sees a white flash; reads the saved choice or the OS setting.
// Kept as one constant because the Content-Security-Policy allows exactly this script by its hash.
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("theme");var d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;
