"""The catalog's rules (DESIGN §3.1); the UI, the API, imports and the demo all call these.

products.py     categories, products, their photos
price_lists.py  price lists, the prices and quantity tiers in them, the customers they are agreed with
"""

from tradewind.catalog.services.price_lists import (
    customer_price_list_add,
    customer_price_list_remove,
    price_list_copy,
    price_list_create,
    price_list_delete,
    price_list_update,
    product_price_remove,
    product_price_set,
)
from tradewind.catalog.services.products import (
    MAX_PHOTOS,
    PRODUCT_FIELDS,
    SUBJECT,
    THUMBNAIL_PIXELS,
    category_create,
    category_delete,
    category_rename,
    product_create,
    product_photo_add,
    product_photo_remove,
    product_search_text,
    product_set_status,
    product_update,
)

__all__ = [
    "MAX_PHOTOS",
    "PRODUCT_FIELDS",
    "SUBJECT",
    "THUMBNAIL_PIXELS",
    "category_create",
    "category_delete",
    "category_rename",
    "customer_price_list_add",
    "customer_price_list_remove",
    "price_list_copy",
    "price_list_create",
    "price_list_delete",
    "price_list_update",
    "product_create",
    "product_photo_add",
    "product_photo_remove",
    "product_price_remove",
    "product_price_set",
    "product_search_text",
    "product_set_status",
    "product_update",
]
