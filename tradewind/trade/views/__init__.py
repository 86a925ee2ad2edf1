"""Sales pages: quotations.py (quotations), orders.py (proforma invoices, orders, the sales settings)."""
