-- The bond tables, owned by this project. bond-data creates any that is absent, then checks
-- that each table's columns match its source in sources.json before it loads.
-- Every table is replaced whole by a run; updated_at is that run's start time (UTC).

CREATE TABLE IF NOT EXISTS expenses_obligated_2020_bond_raw (
  fund text,
  department integer,
  date date,
  "group" text,
  fiscal_year integer,
  division text,
  obligated numeric,
  expenses numeric,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS expenses_obligated_all_bonds_raw (
  fund_code text,
  fund_long_name text,
  division_code text,
  division_long_name text,
  department integer,
  department_long_name text,
  date date,
  group_code text,
  group_long_name text,
  obligated numeric,
  expenses numeric,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS bond_2020_aims_to_dashboard (
  aims_dept_prog_act text,
  dashboard_deptfundprogact text,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS bond_2020_baseline_spend (
  dashboard_deptfundprogact text,
  date date,
  amount numeric,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS bond_2020_current_fy_spend_plan (
  dashboard_deptfundprogact text,
  date date,
  amount numeric,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS bond_2020_previous_fy_spend_plan (
  dashboard_deptfundprogact text,
  date date,
  amount numeric,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS all_bonds_appropriations (
  dashboard_deptfundprogact text,
  date date,
  amount numeric,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS all_bonds_program_names (
  dashboard_deptfundprogact text,
  department_name text,
  bond_year integer,
  program_name text,
  sub_program_name text,
  program_sort integer,
  sub_program_sort integer,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS all_bonds_aims_to_dashboard (
  aims_dept_prog_act text,
  dashboard_deptfundprogact text,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS all_bonds_spend_plan (
  dashboard_deptfundprogact text,
  fiscal_year integer,
  amount numeric,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS all_bonds_baseline_spend (
  dashboard_deptfundprogact text,
  date date,
  amount numeric,
  updated_at timestamp
);

CREATE TABLE IF NOT EXISTS bond_2020_program_names (
  dashboard_deptfundprogact text,
  department_name text,
  bond_year integer,
  program_name text,
  sub_program_name text,
  funding_amount numeric,
  program_sort integer,
  sub_program_sort integer,
  updated_at timestamp
);
