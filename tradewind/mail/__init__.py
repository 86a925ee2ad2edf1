"""E-mail with buyers (issue 15): members' and shared mailboxes synced over IMAP into the customer's
timeline, and (later steps) writing to buyers through SMTP.

models.py      Mailbox (settings, sealed password, sync state), MailFolder (UIDVALIDITY/UID bookkeeping),
               MailThread, MailMessage, MailAttachment
providers.py   the common providers' servers, pre-filled (Exmail, Aliyun, 163/126, QQ, Gmail, Outlook, Zoho)
connection.py  opening IMAP and SMTP connections, each failure told apart (DNS, TLS, password, folder)
parsing.py     a raw message into its facts (charsets of Chinese mail, encoded words, threads, safe HTML)
matching.py    which customer a message belongs to (contacts' addresses, the company's domain)
services/      mailbox_connect / mailbox_update / mailbox_pause …; mailbox_sync (the worker's pass)
"""
