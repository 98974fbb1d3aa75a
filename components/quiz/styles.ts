// Shared class strings, so the quiz, review and results screens look and behave alike.
export const proseClass =
  "space-y-2 leading-relaxed [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.9em] dark:[&_code]:bg-slate-800 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6 [&_a]:text-brand-600 [&_a]:underline dark:[&_a]:text-brand-100 [&_table]:text-sm [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2 dark:[&_td]:border-slate-700 dark:[&_th]:border-slate-700";

export const optionRow =
  "flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50 has-[:disabled]:cursor-default dark:border-slate-700 dark:has-[:checked]:bg-slate-800";

export const card = "rounded-lg border border-slate-200 p-4 sm:p-6 dark:border-slate-800";
