"""Who may do what with the catalog. Everyone reads it (sales quote from it); cost prices are for those who
decide prices."""

from tradewind.workspaces.choices import Role
from tradewind.workspaces.permissions import ADMINS

# Product data is kept by the people who know the goods: managers, marketing (platform listings) and
# merchandisers (specifications, packing), besides the admins.
EDITORS = ADMINS | {Role.MANAGER, Role.MARKETING, Role.MERCHANDISER}
COST_READERS = ADMINS | {Role.MANAGER, Role.FINANCE}


def can_view_catalog(m) -> bool:
    return m.is_active


def can_edit_catalog(m) -> bool:
    """Create and change products and categories, add photos, discontinue a product."""
    return m.is_active and m.role in EDITORS


def can_see_costs(m) -> bool:
    """Cost prices, and later margins: managers, finance and admins only."""
    return m.is_active and m.role in COST_READERS


def can_edit_costs(m) -> bool:
    """Finance keeps costs up to date without editing the rest of a product."""
    return can_see_costs(m)


# Selling prices are a commercial decision: managers set them (and the admins).
PRICERS = ADMINS | {Role.MANAGER}


def can_edit_prices(m) -> bool:
    """Create, change and delete price lists, their prices and the customers they are agreed with."""
    return m.is_active and m.role in PRICERS


def can_import(m, kind: str | None = None) -> bool:
    """Import products (catalog editors) or a price list's prices (pricers); without a kind: either."""
    products, prices = can_edit_catalog(m), can_edit_prices(m)
    if kind == "products":
        return products
    if kind == "prices":
        return prices
    return products or prices
