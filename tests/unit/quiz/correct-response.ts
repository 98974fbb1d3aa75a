// The helper moved to lib/core/quiz so the benchmark and the tests share it.
export { correctResponse } from "@/lib/core/quiz";
