// The fixed vocabularies the schemas, the rules and the forms share. They mirror the database's
// enums (prisma/schema.prisma); the schema drift test would fail if a migration changed one alone.

/** KYC levels, lowest first: the order a promo's minimum is compared in. */
export const KYC_LEVELS = ["NONE", "LEVEL_1", "LEVEL_2", "LEVEL_3"] as const;
export type TKycLevel = (typeof KYC_LEVELS)[number];

/** Back-office roles (SPEC §3); players are not operators. */
export const OPERATOR_ROLES = ["ADMIN", "PROMO_MANAGER", "AFFILIATE_MANAGER", "SUPPORT"] as const;
export type TOperatorRole = (typeof OPERATOR_ROLES)[number];

/** A promo's withdrawal policy: FORFEIT (default) cancels an ACTIVE bonus a withdrawal falls inside; KEEP leaves it. */
export const WITHDRAWAL_POLICIES = ["FORFEIT", "KEEP"] as const;
export type TWithdrawalPolicy = (typeof WITHDRAWAL_POLICIES)[number];

/** Who may claim a deposit promo by their deposits: anyone, only before a first deposit, or only after one. */
export const DEPOSIT_RULES = ["ANY", "FIRST_DEPOSIT", "RELOAD"] as const;
export type TDepositRule = (typeof DEPOSIT_RULES)[number];

/** What a deposit bonus's wagering target multiplies: the deposit and the bonus (default), or the bonus alone. */
export const WAGERING_BASES = ["DEPOSIT_AND_BONUS", "BONUS"] as const;
export type TWageringBasis = (typeof WAGERING_BASES)[number];
