-- Every column, as it is: the dataset publishes them formatted for Socrata.
SELECT * FROM bond_2020_aims_to_dashboard
