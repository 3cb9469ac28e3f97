package io.fleetstream.common.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import org.springframework.util.Assert;

/**
 * Creates ElastiCache IAM authentication tokens. ElastiCache accepts, as the password of
 * an IAM-enabled user, a SigV4 query-string presigned
 * {@code GET https://<cache name>/?Action=connect&User=<user id>} request (service
 * {@code elasticache}, valid 15 minutes) with the {@code https://} prefix removed. No
 * maintained library does this for Lettuce, so it is built here on the AWS SDK's own
 * signer.
 */
public final class ElastiCacheIamTokenGenerator implements Supplier<String>, AutoCloseable {

	/** How long ElastiCache accepts a token after it was signed (the service maximum). */
	public static final Duration TOKEN_VALIDITY = Duration.ofMinutes(15);

	private static final String SERVICE = "elasticache";

	private final String userId;

	private final String cacheName;

	private final boolean serverless;

	private final Region region;

	private final AwsCredentialsProvider credentials;

	private final Clock clock;

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	/**
	 * @param userId the ElastiCache user id (the Redis user name)
	 * @param cacheName the replication group id or serverless cache name, lower case as
	 * ElastiCache reports it
	 * @param serverless whether the cache is ElastiCache Serverless
	 * @param region the cache's region
	 * @param credentials the AWS credentials the token is signed with, owned by this
	 * generator and closed with it
	 * @param clock the signing time source
	 */
	public ElastiCacheIamTokenGenerator(String userId, String cacheName, boolean serverless, Region region,
			AwsCredentialsProvider credentials, Clock clock) {
		Assert.hasText(userId, "'userId' must not be empty");
		Assert.hasText(cacheName, "'cacheName' must not be empty");
		Assert.notNull(region, "'region' must not be null");
		Assert.notNull(credentials, "'credentials' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.userId = userId;
		this.cacheName = cacheName;
		this.serverless = serverless;
		this.region = region;
		this.credentials = credentials;
		this.clock = clock;
	}

	/**
	 * A new token signed now with the current AWS credentials.
	 * @return the presigned URL without its scheme
	 * @throws RuntimeException if no AWS credentials can be resolved
	 */
	public String generateToken() {
		SignedRequest signed = this.signer.sign((request) -> request.identity(this.credentials.resolveCredentials())
			.request(connectRequest())
			.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
			.putProperty(AwsV4HttpSigner.REGION_NAME, this.region.id())
			.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
			.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, TOKEN_VALIDITY)
			.putProperty(HttpSigner.SIGNING_CLOCK, this.clock));
		return signed.request().getUri().toString().replaceFirst("^https://", "");
	}

	@Override
	public String get() {
		return generateToken();
	}

	/** Closes the AWS credentials provider this generator was given. */
	@Override
	public void close() {
		if (this.credentials instanceof SdkAutoCloseable closeable) {
			closeable.close();
		}
	}

	private SdkHttpRequest connectRequest() {
		SdkHttpRequest.Builder request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.GET)
			.protocol("https")
			.host(this.cacheName)
			.encodedPath("/")
			.putRawQueryParameter("Action", "connect")
			.putRawQueryParameter("User", this.userId);
		if (this.serverless) {
			request.putRawQueryParameter("ResourceType", "ServerlessCache");
		}
		return request.build();
	}

}
