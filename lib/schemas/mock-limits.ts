// The mock interview's length limits, apart from the zod schema that enforces them (design-record.ts): the practice
// page's form shows and checks them, and a value import of the schema module would bring zod into its first script.

export const MOCK_MINUTES = { min: 5, max: 120, default: 45 } as const;
