import torch.nn as nn


def make_encoder(channels=(3, 32, 64, 128)):
    layers = []
    for cin, cout in zip(channels[:-1], channels[1:]):
        layers += [nn.Conv2d(cin, cout, 3, stride=2, padding=1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2)]  # expect: BN101
    return nn.Sequential(*layers)


encoder = make_encoder()
