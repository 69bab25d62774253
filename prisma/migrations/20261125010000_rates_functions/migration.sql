-- The USD rate of a currency in force at a moment: the latest rate whose validFrom <= that moment.
-- Used by set-based ingestion (an event's own usdAmount wins when present) and by credits.
CREATE FUNCTION "usd_rate"(currency "CurrencyId", at timestamptz) RETURNS numeric
LANGUAGE sql STABLE AS $$
    SELECT r."usdRate" FROM "CurrencyRate" r
    WHERE r."currencyId" = currency AND r."validFrom" <= at
    ORDER BY r."validFrom" DESC
    LIMIT 1
$$;

-- An amount rounded down to its currency's scale (credits and display only; sums stay exact).
CREATE FUNCTION "round_down_currency"(amount numeric, currency "CurrencyId") RETURNS numeric
LANGUAGE sql STABLE AS $$
    SELECT trunc(amount, COALESCE((SELECT c."decimals" FROM "Currency" c WHERE c."id" = currency), 18))
$$;
