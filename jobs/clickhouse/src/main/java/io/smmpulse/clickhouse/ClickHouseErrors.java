package io.smmpulse.clickhouse;

import com.clickhouse.client.api.ServerException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells errors that a retry cannot cure (the table, a column or the database is missing, the types
 * differ, the user may not write) from those that pass (the server is down, overloaded, times out).
 */
public final class ClickHouseErrors {
    /** ClickHouse error codes (ErrorCodes.cpp) that stay whatever the sink does. */
    private static final Set<Integer> PERMANENT = Set.of(
            8, // THERE_IS_NO_COLUMN
            10, // NOT_FOUND_COLUMN_IN_BLOCK
            16, // NO_SUCH_COLUMN_IN_TABLE
            33, // CANNOT_READ_ALL_DATA (a spool file the server cannot parse)
            47, // UNKNOWN_IDENTIFIER
            53, // TYPE_MISMATCH
            60, // UNKNOWN_TABLE
            62, // SYNTAX_ERROR
            70, // CANNOT_CONVERT_TYPE
            81, // UNKNOWN_DATABASE
            117, // INCORRECT_DATA
            164, // READONLY
            192, // UNKNOWN_USER
            193, // WRONG_PASSWORD
            194, // REQUIRED_PASSWORD
            497, // ACCESS_DENIED
            516); // AUTHENTICATION_FAILED

    private ClickHouseErrors() {}

    /** The server's error code found in the cause chain, or 0 when the error did not come from the server. */
    public static int code(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ServerException server && server.getCode() > 0) {
                return server.getCode();
            }
            if (t instanceof SQLException sql && sql.getErrorCode() > 0) {
                return sql.getErrorCode();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return 0;
    }

    public static boolean isPermanent(Throwable error) {
        return PERMANENT.contains(code(error));
    }

    /** One line for a log or an error message: the server's message without its stack. */
    public static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null
                && t.getCause() != t
                && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        String message = t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getMessage().strip();
        int stack = message.indexOf("Stack trace");
        return (stack > 0 ? message.substring(0, stack) : message).strip();
    }
}
