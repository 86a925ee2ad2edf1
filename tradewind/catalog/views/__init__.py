"""The catalog's pages: products.py (products, photos, categories), price_lists.py (price lists)."""
