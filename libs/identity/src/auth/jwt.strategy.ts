import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from '../permissions/principal';
import { AccessTokenPayload, AuthService } from './auth.service';
import { jwtKey } from './jwt-key';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object (see jwtKey), which passport-jwt hands to jsonwebtoken as it is; its types name only strings and buffers.
      secretOrKey: jwtKey(config.auth.jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(payload: AccessTokenPayload): Promise<Principal> {
    return this.auth.principalFromPayload(payload);
  }
}
