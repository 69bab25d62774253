-- business_today() repeated the business-day rule by hand; it now asks business_day() (the one
-- definition, 20261125040000_platform_daily_stats) so the two can never cut days differently.
-- CREATE OR REPLACE keeps the function's identity, so AffiliateAggregatedInfo, which calls it, stays.
CREATE OR REPLACE FUNCTION "business_today"() RETURNS date LANGUAGE sql STABLE AS $$
    SELECT business_day(now())
$$;
