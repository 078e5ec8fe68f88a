import Hummingbird
import HummingbirdBcrypt
import GRDB
