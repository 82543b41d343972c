-- Every column, as it is: the dataset publishes them formatted for Socrata.
SELECT * FROM all_bonds_program_names
