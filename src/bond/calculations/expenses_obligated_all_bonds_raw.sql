-- bond-calculations reads the all-bonds expenses with these columns; ordinal is the place of the row
-- in the table.
SELECT fund_code, fund_long_name, division_code, division_long_name, department, department_long_name,
       date, group_code, group_long_name, obligated, expenses, updated_at, row_number() OVER () AS ordinal
FROM expenses_obligated_all_bonds_raw
