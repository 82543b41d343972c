-- A dashboard id, a date and an amount per row; ordinal is the place of the row in the table.
SELECT dashboard_deptfundprogact, date, amount, row_number() OVER () AS ordinal
FROM all_bonds_appropriations
