import tensorflow as tf
from tensorflow.keras import layers

bn_a = layers.BatchNormalization(momentum=0.9)
bn_b = tf.keras.layers.BatchNormalization(momentum=0.997, epsilon=1e-3)
bn_c = layers.BatchNormalization(momentum=0.5)
ln = layers.LayerNormalization(epsilon=1e-6)
