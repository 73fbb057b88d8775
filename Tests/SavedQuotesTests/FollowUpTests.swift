import QuoteCore
import SavedQuotes
import Testing
