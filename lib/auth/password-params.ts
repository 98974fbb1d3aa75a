// argon2id with the OWASP-recommended parameters (19 MiB, 2 passes, 1 lane). Shared by the app and the seed.
export const ARGON2_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
