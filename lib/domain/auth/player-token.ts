// Player JWTs: HS256 only, `sub` = the platform's user id as a string, `exp` required.
export const PLAYER_JWT_ALG = "HS256";
