-- bond-calculations reads the 2020 bond expenses with these columns; ordinal is the place of the row
-- in the table, which orders the rows of one series on the same date.
SELECT fund, department, date, "group", fiscal_year, division, obligated, expenses, updated_at,
       row_number() OVER () AS ordinal
FROM expenses_obligated_2020_bond_raw
