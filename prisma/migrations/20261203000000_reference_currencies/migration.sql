-- Reference data belongs to the schema (SPEC §7): a fresh production database has every currency, so
-- an admin can enter rates and promos can be priced. The US dollar is worth one US dollar, always.
INSERT INTO "Currency" ("id", "name", "decimals") VALUES
    ('BTC', 'Bitcoin', 8),
    ('ETH', 'Ether', 18),
    ('LTC', 'Litecoin', 8),
    ('USDT', 'Tether', 2),
    ('USDC', 'USD Coin', 2),
    ('SOL', 'Solana', 9),
    ('DOGE', 'Dogecoin', 8),
    ('TRX', 'Tron', 6),
    ('USD', 'US dollar', 2)
ON CONFLICT ("id") DO NOTHING;

INSERT INTO "CurrencyRate" ("currencyId", "usdRate", "validFrom")
VALUES ('USD', 1, '1970-01-01T00:00:00Z')
ON CONFLICT ("currencyId", "validFrom") DO NOTHING;
