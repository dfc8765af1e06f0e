package dev.loupe.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project's register of jobs writing to it, one row per running job of any process. A process that finds
 * the project busy reads it to name whose job it waited for; rows of processes that died on this host are
 * dropped whenever a job registers.
 */
final class RunningJobs {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();

    /** Rows this store wrote: a busy store never names its own jobs as the other writer. */
    private final Set<Long> mine = ConcurrentHashMap.newKeySet();

    long add(Connection c, String job) throws SQLException {
        dropDead(c);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO running_jobs(job, host, pid, started_at) "
                + "VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, job);
            ps.setString(2, HOST);
            ps.setLong(3, PID);
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
            long id = SqlSupport.generatedKey(ps);
            mine.add(id);
            return id;
        }
    }

    void remove(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM running_jobs WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        mine.remove(id);
    }

    /** The other live jobs, each as "JOB (pid N on HOST, since HH:mm:ss)". */
    List<String> others(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, job, host, pid, started_at FROM running_jobs ORDER BY id")) {
            while (rs.next()) {
                String host = rs.getString(3);
                long pid = rs.getLong(4);
                if (!mine.contains(rs.getLong(1)) && isAlive(host, pid)) {
                    out.add(rs.getString(2) + " (pid " + pid + " on " + host + ", since "
                            + CLOCK.format(Instant.ofEpochMilli(rs.getLong(5))) + ")");
                }
            }
        }
        return out;
    }

    private static void dropDead(Connection c) throws SQLException {
        List<Long> dead = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, pid FROM running_jobs WHERE host = ?")) {
            ps.setString(1, HOST);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!isAlive(HOST, rs.getLong(2))) {
                        dead.add(rs.getLong(1));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM running_jobs WHERE id = ?")) {
            for (long id : dead) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
    }

    /** A process on another host cannot be checked from here: it counts as alive. */
    private static boolean isAlive(String host, long pid) {
        return !host.equals(HOST) || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
