// IMAPClient
