-- Sample finance data: stand-ins for the Controller's Office views, small but realistic.
-- Plain SQL that both H2 (the demo's embedded database) and PostgreSQL (the tests) accept.
-- It covers nulls, cents, negative amounts, a task order with three buyer FDUs (one pair listed
-- twice), a task order with no status (filtered out), a department outside the units filter,
-- a duplicate SP_NUMBER_TXT, and text with quotes, newlines, < and >, & and non-ASCII letters.

CREATE TABLE DEPT_2400_TK_VW (
  TASK_ORDER_DEPT NUMERIC(6), TASK_ORDER_ID VARCHAR(20), TASK_ORDER_DESC VARCHAR(4000),
  TASK_ORDER_STATUS VARCHAR(40), TASK_ORDER_TYPE VARCHAR(40), TK_CURR_AMOUNT NUMERIC(14,2),
  CHARGED_AMOUNT NUMERIC(14,2), TASK_ORDER_BAL NUMERIC(14,2), TASK_ORDER_ESTIMATOR VARCHAR(100));

INSERT INTO DEPT_2400_TK_VW VALUES
  (2400, 'ATD0001', 'Signal retiming <Phase 2> & "loop" detectors', 'Active', 'Internal Services', 125000.00, 4321.50, 120678.50, 'José Ramírez'),
  (2400, 'ATD0002', 'Sidewalk repair:
Manor Rd. (north side)', 'Active', 'Capital', -1500.75, 0.00, -1500.75, NULL),
  (2400, 'ATD0003', NULL, 'Closed', 'Internal Services', 0.00, 0.00, 0.00, 'O''Neil, Pat'),
  (6200, 'ATD0004', 'No status: never extracted', NULL, 'Capital', 10.00, 10.00, 0.00, NULL),
  (2507, 'TPW1005', 'Crosswalk <b>paint</b>; 3 locations', 'Active', 'Grant', 98765.43, 12345.67, 86419.76, 'Zoë Müller');

CREATE TABLE REL_BUYER_SELLER_FDU_TK (TASK_ORD_CD VARCHAR(20), BYR_FDU VARCHAR(40), SLR_FDU VARCHAR(40));

INSERT INTO REL_BUYER_SELLER_FDU_TK VALUES
  ('ATD0001', '8012 6000 6607', '1000 2400 2410'),
  ('ATD0001', '5021 2400 2407', '1000 2400 2410'),
  ('ATD0001', '8012 6000 6602', '1000 2400 2410'),
  ('ATD0001', '8012 6000 6607', '1000 2400 2411'),
  ('ATD0002', '5021 2400 2411', '1000 2400 2410'),
  ('TPW1005', '3201 2507 1122', '1000 2400 2410');

CREATE TABLE lu_dept_units (
  DEPT_UNIT_ID NUMERIC(10), DEPT_ID NUMERIC(10), DEPT NUMERIC(6), UNIT VARCHAR(10),
  UNIT_LONG_NAME VARCHAR(200), UNIT_SHORT_NAME VARCHAR(60), DEPT_UNIT_STATUS VARCHAR(10));

INSERT INTO lu_dept_units VALUES
  (1027, 43, 2400, '2410', 'Arterial Management', 'AMD', 'A'),
  (1031, 43, 2400, '2411', 'Signs & Markings', 'S&M', 'A'),
  (2210, 51, 2507, '1122', 'Active Transportation <Mobility>', 'ATM', 'I'),
  (3302, 60, 6200, '6607', 'Public Works – Street Preservation', NULL, 'A'),
  (3399, 61, 6207, '6602', 'Capital Delivery', 'CDS', 'A'),
  (4100, 70, 5000, '5001', 'Not a transportation unit', 'NTU', 'A');

CREATE TABLE lu_obj_cd (
  OBJ_ID NUMERIC(10), OBJ_CLASS_ID NUMERIC(10), OBJ_CATEGORY_ID NUMERIC(10), OBJ_TYPE_ID NUMERIC(10),
  OBJ_GROUP_ID NUMERIC(10), OBJ_CODE VARCHAR(10), OBJ_LONG_NAME VARCHAR(200), OBJ_SHORT_NAME VARCHAR(60),
  OBJ_DESC VARCHAR(4000), OBJ_REIMB_ELIG_STATUS VARCHAR(2), OBJ_STATUS VARCHAR(2), ACT_FL VARCHAR(1));

INSERT INTO lu_obj_cd VALUES
  (501, 5, 50, 500, 5000, '7215', 'Misc. office supplies', 'OFFICE SUPP', 'Paper, pens & "other" supplies', 'Y', 'A', 'Y'),
  (502, 5, 50, 500, 5001, '7810', 'Traffic signal parts', 'SIGNAL PRT', NULL, 'N', 'A', 'Y'),
  (503, 6, 61, 610, 6100, '8120', 'Concrete < 3000 psi', 'CONCRETE', 'Ready-mix;
delivered', NULL, 'I', 'N');

CREATE TABLE DEPT_2400_MA_VW (
  DOC_CD VARCHAR(10), DOC_DEPT_CD VARCHAR(10), DOC_ID VARCHAR(30), DOC_DSCR VARCHAR(4000),
  DOC_PHASE_CD VARCHAR(10), VEND_CUST_CD VARCHAR(20), LGL_NM VARCHAR(200));

INSERT INTO DEPT_2400_MA_VW VALUES
  ('MA', '2400', 'MA 2400 19000012', 'Signal cabinets & controllers', '3', 'VS0000012345', 'Econolite Control Products, Inc.'),
  ('MA', '2400', 'MA 2400 21000087', 'Pavement marking "thermoplastic"', '3', 'VC0000098765', 'Señalización del Sur LLC'),
  ('MA', '2400', 'MA 2400 22000101', NULL, '1', NULL, 'Smith & Sons <Austin>');

CREATE TABLE ATD_SUBPROJECT_FDU_VW (
  DEPT_CODE_NAME VARCHAR(100), SUB_PROJECT_ID NUMERIC(10), SUBPROJECT_ID_UK NUMERIC(10),
  SP_NUMBER_TXT VARCHAR(20), FDU_ID NUMERIC(10), FDU VARCHAR(40), FUND VARCHAR(10),
  FUNDNAME VARCHAR(200), DEPT VARCHAR(10), DEPT_ID NUMERIC(10), DEPT_UNIT_ID NUMERIC(10),
  DEPT_UNIT_STATUS VARCHAR(2), UNIT VARCHAR(10), UNIT_LONG_NAME VARCHAR(200), UNIT_SHORT_NAME VARCHAR(60));

INSERT INTO ATD_SUBPROJECT_FDU_VW VALUES
  ('2400 Transportation', 11001, 211001, '6007.026', 90001, '8012 6000 6607', '8012', '2020 Bond Fund', '6000', 60, 3302, 'A', '6607', 'Public Works – Street Preservation', NULL),
  ('2400 Transportation', 11002, 211002, '6007.031', 90002, '8012 6000 6602', '8012', '2020 Bond Fund', '6000', 61, 3399, 'A', '6602', 'Capital Delivery', 'CDS'),
  ('2507 Mobility', NULL, NULL, NULL, 90003, '3201 2507 1122', '3201', 'Mobility "Grant" Fund', '2507', 51, 2210, 'I', '1122', 'Active Transportation <Mobility>', 'ATM');

CREATE SCHEMA IF NOT EXISTS MSTR_IA_DEV;

CREATE TABLE MSTR_IA_DEV.DEPT_2400_SUBPRJ_VW (
  PROJECT_NUMBER VARCHAR(20), SP_NUMBER_TXT VARCHAR(20), SP_NAME VARCHAR(200), SP_DESCRIPTION VARCHAR(4000),
  SP_DETAILED_SCOPE VARCHAR(4000), SUB_PROJECT_MANAGER VARCHAR(100), SUB_PROJECT_MANAGING_DEPT VARCHAR(100),
  SP_STATUS VARCHAR(40));

INSERT INTO MSTR_IA_DEV.DEPT_2400_SUBPRJ_VW VALUES
  ('6007', '6007.026', 'Street Preservation FY24', 'Resurfacing & crack seal', 'Line one
Line two: "quoted"', 'Ana Pérez', 'Public Works', 'Active'),
  ('6007', '6007.026', 'Street Preservation FY24 (copy)', 'Duplicate SP_NUMBER_TXT from the view', NULL, 'Ana Pérez', 'Public Works', 'Active'),
  ('6007', '6007.031', 'Signals <Corridor> Program', NULL, NULL, NULL, 'Transportation', 'Planning');
