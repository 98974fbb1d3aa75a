// The helper moved to lib/quiz so the benchmark and the tests share it.
export { correctResponse } from "@/lib/quiz";
