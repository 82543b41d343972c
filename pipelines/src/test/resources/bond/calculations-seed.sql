-- A small bond data set over fiscal years 2022-2024, worked through by hand in
-- expected/bond/calculations/*.jsonl (rules in docs/pipelines.md). Rows are inserted in the order
-- the calculations see them; updated_at is one fixed run time.
-- Group keys: G1 = 6000|8012|6207|5216 (dashboard 6000-8012-6207-5216), G3 = 7400|8013|6307|5300 (no crosswalk entry).

INSERT INTO expenses_obligated_2020_bond_raw (fund, department, date, "group", fiscal_year, division, obligated, expenses, updated_at) VALUES
  ('8012', 6000, '2023-10-01', '5216', 2024, '6207', 100.00, 40.25, '2024-11-20 06:00:00'),
  ('8012', 6000, '2023-10-01', '5216', 2024, '6207', 0, 9.75, '2024-11-20 06:00:00'),
  ('8012', 6000, '2024-10-05', '5216', 2024, '6207', NULL, 5.5, '2024-11-20 06:00:00'),
  ('8012', 6000, '2023-03-15', '5216', 2024, '6207', 20, 1.01, '2024-11-20 06:00:00'),
  ('8012', 6000, '2023-03-15', '5216', 2023, '6207', 0, 300, '2024-11-20 06:00:00'),
  ('8012', 6000, '2023-03-15', '5216', 2022, '6207', 0, 7, '2024-11-20 06:00:00'),
  ('8013', 7400, '2023-10-01', '5300', 2023, '6307', 1, 2, '2024-11-20 06:00:00');

INSERT INTO bond_2020_aims_to_dashboard (aims_dept_prog_act, dashboard_deptfundprogact, updated_at) VALUES
  ('6000801262075216', '6000-8012-6207-5216', '2024-11-20 06:00:00'),
  ('6000801262075216', '6000-8012-6207-5216', '2024-11-20 06:00:00'),
  ('9999000000000000', '9999-0000-0000-0000', '2024-11-20 06:00:00');

INSERT INTO bond_2020_baseline_spend (dashboard_deptfundprogact, date, amount, updated_at) VALUES
  ('6000-8012-6207-5216', '2023-10-31', 1000, '2024-11-20 06:00:00'),
  ('6000-8012-6207-5216', '2023-11-30', 500.50, '2024-11-20 06:00:00'),
  ('6000-8012-6207-5216', '2022-12-31', 200, '2024-11-20 06:00:00'),
  ('6000-8012-6207-5216', '2024-12-31', 700, '2024-11-20 06:00:00'),
  ('6000-8012-6207-5217', '2023-10-15', 60, '2024-11-20 06:00:00');

INSERT INTO bond_2020_current_fy_spend_plan (dashboard_deptfundprogact, date, amount, updated_at) VALUES
  ('6000-8012-6207-5216', '2023-10-31', 50, '2024-11-20 06:00:00'),
  ('6000-8012-6207-5216', '2024-01-31', 25, '2024-11-20 06:00:00'),
  ('6000-8012-6207-9999', '2023-11-30', 10, '2024-11-20 06:00:00');

INSERT INTO bond_2020_previous_fy_spend_plan (dashboard_deptfundprogact, date, amount, updated_at) VALUES
  ('6000-8012-6207-5216', '2023-03-10', 12.5, '2024-11-20 06:00:00'),
  ('6000-8012-6207-5216', '2023-05-31', 30, '2024-11-20 06:00:00');

INSERT INTO expenses_obligated_all_bonds_raw (fund_code, fund_long_name, division_code, division_long_name, department, department_long_name, date, group_code, group_long_name, obligated, expenses, updated_at) VALUES
  ('8012', '2020 Mobility Bond', '6207', 'Transportation', 6000, 'Austin Transportation', '2022-11-01', '5216', 'Sidewalks', 10, 1, '2024-11-20 06:00:00'),
  ('8012', '2020 Mobility Bond', '6207', 'Transportation', 6000, 'Austin Transportation', '2022-11-01', '5216', 'Sidewalks', 5, 2, '2024-11-20 06:00:00'),
  ('8012', '2020 Mobility Bond', '6207', 'Transportation', 6000, 'Austin Transportation', '2023-02-01', '5216', 'Sidewalks', NULL, 3.33, '2024-11-20 06:00:00'),
  ('9000', '2016 Mobility Bond', '7700', 'Corridors', 7400, 'Public Works', '2023-02-01', '0100', 'Signals', 1, 0.50, '2024-11-20 06:00:00');

INSERT INTO all_bonds_program_names (dashboard_deptfundprogact, department_name, bond_year, program_name, sub_program_name, program_sort, sub_program_sort, updated_at) VALUES
  ('6000-8012-6207-5216', 'Transportation', 2020, 'Mobility', 'Sidewalks', 1, 2, '2024-11-20 06:00:00'),
  ('7400-9000-7700-0100', 'Public Works', 2016, 'Corridors', 'Signals & "Lights"', 3, 1, '2024-11-20 06:00:00');

INSERT INTO all_bonds_appropriations (dashboard_deptfundprogact, date, amount, updated_at) VALUES
  ('6000-8012-6207-5216', '2023-01-01', 1000000, '2024-11-20 06:00:00'),
  ('6000-8012-6207-5216', '2024-01-01', 250000, '2024-11-20 06:00:00');

INSERT INTO all_bonds_aims_to_dashboard (aims_dept_prog_act, dashboard_deptfundprogact, updated_at) VALUES
  ('6000801262075216', '6000-8012-6207-5216', '2024-11-20 06:00:00'),
  ('7400900077000100', '7400-9000-7700-0100', '2024-11-20 06:00:00');
