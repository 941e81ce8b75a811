import torch.nn as nn
from tensorflow.keras import layers

keras_bn = layers.BatchNormalization(momentum=0.99)
torch_bn = nn.BatchNorm2d(64, momentum=0.01)
