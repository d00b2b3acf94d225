// IMAPServer
