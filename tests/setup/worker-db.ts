/** The database a vitest worker uses: its own copy of the run's test database (VITEST_POOL_ID: 1 … maxWorkers). */
export const workerDatabaseName = (base: string, poolId: string | number) => `${base}_w${poolId}`;
