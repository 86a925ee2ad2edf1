"""The document library (issue 14): team folders, a folder per customer and per order, files with their
versions, a trash, and who may read and write where."""
